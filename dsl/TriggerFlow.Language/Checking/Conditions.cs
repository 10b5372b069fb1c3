using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Checking;

/// <summary>Walks a condition's tree.</summary>
internal static class Conditions
{
    /// <summary>
    /// The leaves of a condition, left to right. Iterative, because a long chain of <c>and</c>
    /// builds a tree as deep as it is long, and a checker must not overflow on any input.
    /// </summary>
    public static IEnumerable<ConditionSyntax> Atoms(ConditionSyntax root)
    {
        var pending = new Stack<ConditionSyntax>();
        pending.Push(root);
        while (pending.TryPop(out var condition))
        {
            switch (condition)
            {
                case AndCondition and:
                    pending.Push(and.Right);
                    pending.Push(and.Left);
                    break;
                case OrCondition or:
                    pending.Push(or.Right);
                    pending.Push(or.Left);
                    break;
                case NotCondition not:
                    pending.Push(not.Operand);
                    break;
                default:
                    yield return condition;
                    break;
            }
        }
    }
}
