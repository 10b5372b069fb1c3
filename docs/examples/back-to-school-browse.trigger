when browsed category without purchase within 24h and segment back-to-school, send email with 10% offer
