# Scenario 7: post-visit re-engagement, tailored by time since the last visit.
# Sixty days after a customer's last store visit (a new visit restarts the count),
# a "we miss you" offer, bigger than the day-after one, in her preferred channel.
# The email rule is a draft awaiting review; the SMS one is paused while the SMS
# budget is reviewed.
rule "lapsed-visitor-email"
  owner "stores team"
  status draft
  priority 35
  when 60d since last store visit
  and (profile.preferred_channel is not set or profile.preferred_channel = "email")
  send email template "lapsed-visitor" with 15% offer
  at most 1 per 60d
  quiet hours hold

rule "lapsed-visitor-sms"
  owner "stores team"
  status paused
  priority 35
  when 60d since last store visit
  and profile.preferred_channel = "sms" and profile.country in ["US", "CA"]
  send sms template "lapsed-visitor" with 15% offer
  at most 1 per 60d
  quiet hours hold
