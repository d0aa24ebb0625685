"""The RFC 9110 WWW-Authenticate parser."""

from mcptui.core.auth.www_authenticate import bearer_challenge, parse_www_authenticate


def test_several_challenges_in_one_header_and_only_bearer_counts():
    header = (
        'Basic realm="r", scope="basic-scope", Bearer scope="bearer-scope", resource_metadata="https://x/prm"'
    )
    challenges = parse_www_authenticate(header)
    assert [c.scheme for c in challenges] == ["Basic", "Bearer"]
    assert challenges[0].params == {"realm": "r", "scope": "basic-scope"}
    bearer = bearer_challenge(header)
    assert bearer.scope == "bearer-scope"
    assert bearer.resource_metadata == "https://x/prm"


def test_param_name_suffix_is_not_scope():
    bearer = bearer_challenge('Bearer xscope="evil", scope="good"')
    assert bearer.scope == "good"
    assert bearer.get("xscope") == "evil"


def test_quoted_strings_with_escapes_and_commas():
    bearer = bearer_challenge(
        r'Bearer error_description="a \"quoted\", value", scope="a  b", error=invalid_token'
    )
    assert bearer.get("error_description") == 'a "quoted", value'
    assert bearer.scope == "a b"
    assert bearer.error == "invalid_token"


def test_case_insensitive_scheme_and_names_and_several_header_fields():
    challenges = parse_www_authenticate(['DPoP algs="ES256"', 'bearer SCOPE="s1", Resource_Metadata="u"'])
    assert [c.scheme for c in challenges] == ["DPoP", "bearer"]
    bearer = bearer_challenge(['DPoP algs="ES256"', 'bearer SCOPE="s1", Resource_Metadata="u"'])
    assert bearer.scope == "s1" and bearer.resource_metadata == "u"


def test_token68_and_bare_schemes():
    challenges = parse_www_authenticate("Negotiate abc+/d==, Bearer, Basic realm=simple")
    assert [(c.scheme, c.token68) for c in challenges] == [
        ("Negotiate", "abc+/d=="),
        ("Bearer", None),
        ("Basic", None),
    ]
    assert challenges[2].params == {"realm": "simple"}
    assert bearer_challenge("Negotiate abc==").__class__ is type(None)


def test_no_bearer_and_garbage_never_raise():
    assert bearer_challenge('Basic realm="x"') is None
    assert bearer_challenge("") is None
    assert bearer_challenge(None) is None
    assert parse_www_authenticate('Bearer scope="unterminated') == [parse_www_authenticate("Bearer")[0]]
    assert parse_www_authenticate("=== ,,, ") == []


def test_rfc9110_example():
    header = 'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"'
    first, second = parse_www_authenticate(header)
    assert first.params == {"realm": "apps", "type": "1", "title": 'Login to "apps"'}
    assert (second.scheme, second.params) == ("Basic", {"realm": "simple"})
