# Scenario 1: back-to-school browse abandonment (the "Mary" case).
# A parent who shopped for school last August browses children's clothes or school
# supplies this summer but does not buy. Within 24 hours of her most recent browse she
# gets an email: an offer on the items she viewed, tips on checking out online, and
# suggestions from her past purchases. Each new browse restarts the 24 hours (the
# window runs from the latest signal); a purchase cancels it.
# The test: 10% off against 15% off, with 10% of shoppers kept as a control group.
rule "bts-browse"
  owner "back-to-school team"
  status test
  priority 60
  active from 2026-07-01 until 2026-09-30
  when browsed category where category in ["kids-clothing", "school-supplies"]
  without purchase within 24h
  and segment back-to-school
  send email template "bts-browse" with 10% offer and tips = "checkout-online" and recommendations = "past-purchases"
  # Once a week at most, and never more than three times in the season.
  at most 1 per 7d
  at most 3 per 90d
  quiet hours hold
  control 10%
  variant "ten-off" 50% with 10% offer
  variant "fifteen-off" 50% with 15% offer
  goal purchase within 7d
  minimum sample 1000
