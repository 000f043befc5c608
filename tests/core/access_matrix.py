from tests.access import ALL, SIGNED_IN, Case

CASES = [
    Case("portal:home", own=ALL),
    Case("portal:accessibility", own=ALL),
    Case("accounts:login", own=ALL, ok_status=(200, 302)),
    Case("accounts:logout", own=ALL, method="post", ok_status=(302,)),
    Case("set_language", own=ALL, method="post", data=lambda w, which: {"language": "en", "next": "/"},
         ok_status=(302,)),
    Case("staff:home", own=SIGNED_IN),
    Case("admin:index", own=frozenset()),  # superusers only: no business role
]
