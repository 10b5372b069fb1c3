# Scenario 3: next product to buy.
# A customer clicks a product (in a list, a search result or one of our messages),
# opens its page within the hour, but does not buy within a day: send products
# related to the one she looked at. Gift cards, services and cheap add-ons are left
# out: related products do not help there.
rule "next-product"
  owner "merchandising team"
  status test
  priority 40
  when clicked product where not (category in ["gift-cards", "services"] or list = "add-ons")
  then viewed product within 1h
  without purchase within 24h
  send email template "related-products" with recommendations = "similar-items"
  at most 1 per 3d
  quiet hours hold
  control 20%
  variant "similar" 50% with recommendations = "similar-items"
  variant "bought-together" 50% with recommendations = "frequently-bought-together"
  goal purchase within 7d
  minimum sample 2000
