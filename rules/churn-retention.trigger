# Scenario 8: churn risk.
# The churn model flags a household with two or more lines: offer it a reason to stay
# before it leaves. When the model says price is the reason, the second rule makes a
# bigger offer; both rules fire then, and its higher priority picks it while the first
# is suppressed with a reason. 20% of flagged households are held back as a control
# group to measure what the offers save. The goal is a renewal, not a click.
rule "churn-retention"
  owner "retention team"
  status test
  priority 70
  when churn signal where score >= 0.7
  and segment multi-line-household
  send email template "churn-retention" with 15% offer
  at most 1 per 90d
  quiet hours hold
  control 20%
  variant "by-email" 50%
  variant "by-sms" 50% via sms
  goal plan renewed within 60d
  minimum sample 400

rule "churn-retention-price"
  owner "retention team"
  status test
  priority 75
  when churn signal where score >= 0.7 and reasons contains "price"
  and segment multi-line-household and not profile.loyalty_tier = "staff"
  send email template "churn-retention" with 25% offer
  at most 1 per 90d
  quiet hours hold
  control 20%
  variant "twenty-five-off" 50% with 25% offer
  variant "twenty-off" 50% with 20% offer
  goal plan renewed within 60d
  minimum sample 300
