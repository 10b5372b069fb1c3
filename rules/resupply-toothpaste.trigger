# Scenario 2: resupply window.
# A tube of toothpaste lasts about a month. Thirty days after a customer's last
# toothpaste purchase, if she has not bought again (a new purchase restarts the 30 days),
# remind her that her brand has a limited-time offer. It earns more than cross-selling
# mouthwash. Proven in an earlier test, so it is always on.
rule "resupply-toothpaste"
  owner "health and beauty team"
  status always-on
  priority 50
  when 30d since last purchase of "toothpaste" where brand = "Brightsmile"
  send email template "resupply-reminder" with 20% offer and brand = "Brightsmile" and product = "toothpaste"
  at most 1 per 30d
  quiet hours hold
