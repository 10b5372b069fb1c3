# Scenario 9: travel, a delayed flight.
# The airline reports a delay of 45 minutes or more: tell the hotel (by email, to the
# address the airline feed carries) so it keeps the room, and tell the traveller (by
# SMS) that the hotel knows. Two sends from one signal. Service messages matter at any
# hour, so quiet hours cover only the dead of night, and a message due then is
# dropped: by morning the news is stale.
rule "flight-delayed"
  owner "travel operations"
  status always-on
  priority 80
  when flight delayed where delay_minutes >= 45 and hotel_email is set
  send email template "flight-delay-hotel" with recipient = "hotel_email"
  send sms template "flight-delay-traveller"
  at most 1 per flight
  quiet hours 01:00 to 05:00 drop
