using TriggerFlow.Runtime.Deployment;

namespace TriggerFlow.Runtime.Tests.Deployment;

public sealed class DeploymentHistoryTests
{
    private static readonly DateTimeOffset Monday = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_first_deploy_becomes_deployment_1()
    {
        var history = new DeploymentHistory();

        var receipt = history.Deploy(Request("v1"), Monday);

        Assert.Equal(1, receipt.Active.Number);
        Assert.False(receipt.Unchanged);
        Assert.Null(receipt.Replaced);
        Assert.Equal("v1", history.Active!.Version);
        Assert.Equal("plans v1", history.PlanSets["v1"]);
    }

    [Fact]
    public void Deploying_the_active_set_again_changes_nothing()
    {
        var history = new DeploymentHistory();
        history.Deploy(Request("v1"), Monday);

        var receipt = history.Deploy(Request("v1"), Monday.AddHours(1));

        Assert.True(receipt.Unchanged);
        Assert.Single(history.Deployments);
    }

    [Fact]
    public void A_catalog_change_alone_is_a_new_deployment_of_the_same_version()
    {
        var history = new DeploymentHistory();
        history.Deploy(Request("v1"), Monday);

        var receipt = history.Deploy(Request("v1", catalog: "events: {}"), Monday.AddHours(1));

        Assert.False(receipt.Unchanged);
        Assert.Equal(2, receipt.Active.Number);
        Assert.Single(history.PlanSets);
    }

    [Fact]
    public void Rollback_returns_to_the_deployment_before_and_retires_the_active_one()
    {
        var history = new DeploymentHistory();
        history.Deploy(Request("v1"), Monday);
        history.Deploy(Request("v2"), Monday.AddHours(1));

        var receipt = history.Rollback(Monday.AddHours(2), "ops")!;

        Assert.Equal("v1", receipt.Active.Version);
        Assert.Equal("v2", receipt.Replaced!.Version);
        Assert.Equal(Monday.AddHours(2), history.Deployments[1].RolledBackAt);
        Assert.Equal("ops", history.Deployments[1].RolledBackBy);
    }

    [Fact]
    public void Rollback_skips_deployments_already_rolled_back()
    {
        var history = new DeploymentHistory();
        history.Deploy(Request("v1"), Monday);
        history.Deploy(Request("v2"), Monday.AddHours(1));
        history.Rollback(Monday.AddHours(2), "ops");
        history.Deploy(Request("v3"), Monday.AddHours(3));

        var receipt = history.Rollback(Monday.AddHours(4), "ops")!;

        Assert.Equal("v1", receipt.Active.Version);
    }

    [Fact]
    public void Rollback_with_nothing_before_returns_null_and_changes_nothing()
    {
        var history = new DeploymentHistory();
        Assert.Null(history.Rollback(Monday, "ops"));

        history.Deploy(Request("v1"), Monday);

        Assert.Null(history.Rollback(Monday, "ops"));
        Assert.Equal(1, history.ActiveNumber);
        Assert.Null(history.Deployments[0].RolledBackAt);
    }

    private static DeploymentRequest Request(string version, string catalog = "channels: [email]") =>
        new(version, "plans " + version, catalog, "tests", "api");
}
