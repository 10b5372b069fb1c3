# Scenario 9: travel, a landed flight.
# The flight has landed: text the traveller the fastest ways from the airport to the
# hotel, as soon as it lands. Like the delay message, it is dropped rather than held
# if it falls in the dead of night.
# Known limit: the SMS channel cap (one a day, in governance.trigger) counts service
# messages too, so on a day the delay SMS went out this one is capped. The language
# has no way yet to exempt a service message from marketing caps.
rule "flight-landed"
  owner "travel operations"
  status always-on
  priority 80
  when flight landed where hotel is set
  send sms template "flight-landed-directions"
  at most 1 per flight
  quiet hours 01:00 to 05:00 drop
