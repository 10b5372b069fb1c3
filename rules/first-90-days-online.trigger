# Scenario 4: new customers' first 90 days.
# After a first purchase in a store, introduce online shopping. If the customer has
# not bought online within 7 days of that store purchase (counted from the first
# store purchase: later ones do not push it back), send a welcome offer for the web
# shop. The rule applies only during the customer's first 90 days and only once.
rule "first-90-days-online"
  owner "lifecycle team"
  status test
  priority 50
  when purchase where location = "store"
  without purchase where location = "online" within 7d from first signal
  within 90d of first purchase
  send email template "first-90-days-online" with 10% offer
  at most 1 ever
  quiet hours hold
  control 15%
  variant "ten-off" 50% with 10% offer
  variant "five-off" 50% with 5% offer
  goal purchase where location = "online" within 30d
  minimum sample 800
