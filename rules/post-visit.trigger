# Scenario 7: post-visit re-engagement, shortly after a visit.
# A customer visited a store: follow up with a thank-you and a small offer for next
# time, in the channel she prefers. Two rules, one per channel, so each customer hears
# from us once, where she wants to. The test compares following up one day after the
# visit with three days after it.
rule "post-visit-email"
  owner "stores team"
  status test
  priority 45
  when store visit
  wait 1d
  and (profile.preferred_channel is not set or profile.preferred_channel = "email")
  send email template "post-visit" with 5% offer
  at most 1 per 14d
  quiet hours hold
  control 10%
  variant "next-day" 50%
  variant "three-days" 50% wait 3d
  goal purchase within 14d
  minimum sample 1000

rule "post-visit-sms"
  owner "stores team"
  status test
  priority 45
  when store visit
  wait 1d
  and profile.preferred_channel = "sms"
  send sms template "post-visit" with 5% offer
  at most 1 per 14d
  quiet hours hold
  control 10%
  variant "next-day" 50%
  variant "three-days" 50% wait 3d
  goal purchase within 14d
  minimum sample 1000
