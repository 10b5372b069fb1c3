# Scenario 10: service, a resolved support ticket.
# Tell the customer their ticket is resolved, in the channel they prefer: one rule per
# channel, each for the customers who chose it. Email is the fallback when no
# preference is known, and push goes only to customers who have the app.
rule "ticket-resolved-email"
  owner "customer service"
  status always-on
  priority 70
  when ticket resolved
  and (profile.preferred_channel is not set or profile.preferred_channel = "email")
  send email template "ticket-resolved"
  at most 1 per ticket
  quiet hours hold

rule "ticket-resolved-sms"
  owner "customer service"
  status always-on
  priority 70
  when ticket resolved
  and profile.preferred_channel = "sms"
  send sms template "ticket-resolved"
  at most 1 per ticket
  quiet hours hold

rule "ticket-resolved-push"
  owner "customer service"
  status always-on
  priority 70
  when ticket resolved
  and profile.preferred_channel = "push" and segment app-users
  send push template "ticket-resolved"
  at most 1 per ticket
  quiet hours hold
