# Scenario 5: cart abandonment.
# Something was added to the cart and there was no checkout within the hour: remind
# the customer once. The hour runs from the first item added: adding more items does
# not postpone the reminder. One reminder per cart, and at most three a month across
# carts, so no one ever gets a tenth reminder. Proven and promoted: always on.
rule "cart-reminder"
  owner "e-commerce team"
  status always-on
  priority 60
  when added to cart
  without checkout within 1h from first signal
  send email template "cart-reminder"
  at most 1 per cart
  at most 3 per 30d
  quiet hours hold
