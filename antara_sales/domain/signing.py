"""The order of signatures on a cooperation contract (6.7): the General Manager signs first, then
the customer. Returns the names of the problems found; the caller words them for the user."""

from datetime import date

GM_SIGNATURE_MISSING = "gm_signature_missing"
CUSTOMER_BEFORE_GM = "customer_before_gm"
CUSTOMER_SIGNATURE_MISSING = "customer_signature_missing"


def signing_problems(
	*,
	gm_signed: bool,
	gm_signed_on: date | None,
	customer_signed: bool,
	customer_signed_on: date | None,
	final: bool,
) -> list[str]:
	"""`final` is True when the contract is being marked as signed by both parties."""
	problems = []
	customer_started = customer_signed or customer_signed_on
	if customer_started and not (gm_signed and gm_signed_on):
		problems.append(GM_SIGNATURE_MISSING)
	elif customer_signed_on and gm_signed_on and customer_signed_on < gm_signed_on:
		problems.append(CUSTOMER_BEFORE_GM)
	if final:
		if not (gm_signed and gm_signed_on) and GM_SIGNATURE_MISSING not in problems:
			problems.append(GM_SIGNATURE_MISSING)
		if not (customer_signed and customer_signed_on):
			problems.append(CUSTOMER_SIGNATURE_MISSING)
	return problems
