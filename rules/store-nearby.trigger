# Scenario 6: near a store (geofence).
# An app user walks into a store's area: push today's offer now, or never. A push at
# night is dropped, not held: by morning the customer has walked on. Pop-ups annoy,
# so the caps are strict: once a day, twice a month. High priority: in the moment it
# beats any other trigger. (In the research, 5% of those reached visited the store.)
rule "store-nearby"
  owner "stores team"
  status always-on
  priority 90
  when entered store area where distance_m <= 300
  and segment app-users
  send push template "store-nearby" with 10% offer
  at most 1 per 1d
  at most 2 per 30d
  quiet hours drop
