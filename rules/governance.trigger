# Channel caps and quiet hours apply to every rule together.
channel email at most 1 per 1d and at most 3 per 7d

channel sms at most 1 per 1d and at most 2 per 7d

channel push at most 2 per 1d and at most 5 per 7d

quiet hours 21:00 to 08:00
