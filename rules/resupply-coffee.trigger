# Scenario 2: resupply window, a second product.
# A bag of coffee beans lasts about two weeks. Sixteen days after an app user's last
# coffee purchase, remind her to restock. The test asks whether the channel matters
# for a resupply reminder: half get an email, half a push. Still a draft: not yet
# reviewed.
rule "resupply-coffee"
  owner "grocery team"
  status draft
  priority 45
  when 16d since last purchase of "coffee"
  and segment app-users
  send email template "resupply-reminder" with 10% offer and product = "coffee"
  at most 1 per 14d
  quiet hours hold
  control 15%
  variant "by-email" 50%
  variant "by-push" 50% via push
  goal purchase of "coffee" within 7d
  minimum sample 500
