# Segments are defined once here and referenced by name in any rule: `and segment parents`.
segment parents: profile.has_children = true

segment back-to-school: segment parents and profile.last_school_purchase >= 2025-08-01

segment app-users: profile.app_installed = true

segment multi-line-household: profile.lines >= 2

segment high-value: profile.lifetime_value >= 500 or profile.loyalty_tier in ["gold", "platinum"]
