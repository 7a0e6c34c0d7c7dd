"""The tax rules of a sales invoice (issue 11): PPN on DPP Nilai Lain, the tax-invoice code (kode
transaksi), PPh 23 withholding, what the buyer pays, when a payment settles an invoice, and the stamp
duty (Bea Meterai) on a receipt. Pure: no Frappe; the values the law leaves to the seller (rates,
factors, thresholds, the BUMN question) come in as arguments, from the settings. docs/tax.md says
the same for finance, with the sources.

Money is Decimal throughout. A credit note is negative: every rule works on the absolute value and
gives the result the sign of the amount, so a credit note mirrors the invoice it corrects.

Sources (their text was read where the note says so; the rest is marked as taken from a summary):
- PMK 131/2024 Pasal 2-3 and Pasal 6: from 1 January 2025 PPN is 12 % times a DPP of "nilai lain"
  of 11/12 of the harga jual or penggantian, except luxury goods (12 % of the full price).
- PER-11/PJ/2025 Pasal 129: the DPP, PPN and PPnBM on a Faktur Pajak, and the DPP and PPh on a
  bukti potong, are in whole rupiah; below 0,50 rounds down, 0,50 and above rounds up (ayat (3);
  its examples: PPN Rp1.500.000,49 -> Rp1.500.000, Rp1.900.000,50 -> Rp1.900.001).
- UU PPh Pasal 23 ayat (1): 15 % of the gross on royalties, 2 % of the gross on services.
- PMK 231/2019 as amended by PMK 59/2022 (government collectors) and PMK 8/2021 (BUMN
  collectors), now carried into PMK 81/2024: thresholds below which the collector does not collect.
- UU 10/2020 (Bea Meterai) Pasal 3 ayat (2) huruf g and Pasal 5: Rp10.000 on a document stating a
  sum of money of more than Rp5.000.000 that acknowledges its receipt.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
RUPIAH = Decimal("1")
ZERO = Decimal(0)

# Kode transaksi of the Faktur Pajak (PER-03/PJ/2022 as amended; PER-11/PJ/2025 in the Coretax era).
ORDINARY_CODE = "04"  # DPP Nilai Lain, PPN collected by the seller (PMK 131/2024 makes it the norm)
GOVERNMENT_CODE = "02"  # delivery to a government collector (instansi pemerintah), PPN collected by it
OTHER_COLLECTOR_CODE = "03"  # delivery to another collector, such as a BUMN, PPN collected by it
TRANSACTION_CODES = (ORDINARY_CODE, GOVERNMENT_CODE, OTHER_COLLECTOR_CODE)

# PPh 23 rates the contract may carry (UU PPh Pasal 23 ayat (1)): none, services, royalty.
PPH23_RATES = (Decimal(0), Decimal(2), Decimal(15))

# TaxCode.reason: short keys for the UI to word.
ORDINARY = "ordinary_buyer"  # the buyer does not collect PPN
COLLECTED = "collected_by_buyer"  # the buyer is a collector and this payment is above its threshold
BELOW_THRESHOLD = "below_threshold"  # a collector, but the payment is at or under its threshold
SELLER_IS_COLLECTOR = "seller_is_collector"  # a BUMN buyer, and ANTARA (a Perum) collects itself


class NoPpnRule(LookupError):
	"""No PPN rule has started on the given day."""


def to_decimal(value) -> Decimal:
	if isinstance(value, Decimal):
		return value
	return Decimal(str(value or 0))


def money(value) -> Decimal:
	"""An amount to the sen, half up."""
	return to_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def rupiah_penuh(value) -> Decimal:
	"""Whole rupiah as PER-11/PJ/2025 Pasal 129 ayat (3) rounds: a fraction under 0,50 down, 0,50
	and over up (Rp1.500.000,49 -> Rp1.500.000; Rp1.900.000,50 -> Rp1.900.001). A negative amount is
	rounded as its absolute value and keeps its sign."""
	value = to_decimal(value)
	whole = abs(value).quantize(RUPIAH, rounding=ROUND_HALF_UP)
	return -whole if value < 0 else whole


def _signed(amount: Decimal, magnitude: Decimal) -> Decimal:
	return -magnitude if amount < 0 else magnitude


def _day(value) -> date:
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	return date.fromisoformat(str(value)[:10])


# PPN.


@dataclass(frozen=True)
class PpnRule:
	"""The PPN rule from a day on: `rate` % on a DPP of `dpp_numerator`/`dpp_denominator` of the price.

	- 2022-04-01, 11 %, 1/1: UU 7/2021 (HPP) Pasal 7 ayat (1) huruf a;
	- 2025-01-01, 12 %, 11/12: PMK 131/2024 Pasal 3 (DPP Nilai Lain for what is not a luxury good:
	  12 % x 11/12 x price = 11 % of the price).
	An invoice keeps the rule of its own date (its tax point), whatever the settings say later."""

	effective_from: date
	rate: Decimal
	dpp_numerator: int = 1
	dpp_denominator: int = 1

	def __post_init__(self):
		object.__setattr__(self, "effective_from", _day(self.effective_from))
		object.__setattr__(self, "rate", to_decimal(self.rate))
		object.__setattr__(self, "dpp_numerator", int(self.dpp_numerator))
		object.__setattr__(self, "dpp_denominator", int(self.dpp_denominator))

	@property
	def has_other_value(self) -> bool:
		"""The DPP is a "nilai lain" (a fraction of the price), not the price itself."""
		return self.dpp_numerator != self.dpp_denominator


def rule_problems(rules: Iterable[PpnRule]) -> list[str]:
	"""What is wrong with a set of rules, as short keys: "rate" (not 0-100), "factor" (numerator
	not 1..denominator), "duplicate_date" (two rules start the same day)."""
	rules = list(rules)
	problems = []
	if any(not ZERO <= r.rate <= 100 for r in rules):
		problems.append("rate")
	if any(not 0 < r.dpp_numerator <= r.dpp_denominator for r in rules):
		problems.append("factor")
	days = [r.effective_from for r in rules]
	if len(days) != len(set(days)):
		problems.append("duplicate_date")
	return problems


def rule_on(rules: Iterable[PpnRule], day) -> PpnRule:
	"""The rule in force on `day`: the one with the latest `effective_from` on or before it.
	2024-12-31 -> 11 % on 1/1 of the price; 2025-01-01 -> 12 % on 11/12 (PMK 131/2024 Pasal 6: in
	force from 1 January 2025). Raises NoPpnRule when no rule has started yet."""
	day = _day(day)
	started = [r for r in rules if r.effective_from <= day]
	if not started:
		raise NoPpnRule(day)
	return max(started, key=lambda r: r.effective_from)


@dataclass(frozen=True)
class LineTax:
	"""One line of a Faktur Pajak: Harga Jual/Penggantian, DPP (Nilai Lain) and PPN."""

	price: Decimal
	dpp: Decimal
	ppn: Decimal


@dataclass(frozen=True)
class DocumentTax:
	"""An invoice's lines and totals; each total is the sum of its lines, as on the Faktur Pajak."""

	lines: tuple[LineTax, ...]
	price: Decimal
	dpp: Decimal
	ppn: Decimal
	grand_total: Decimal


def line_tax(amount, rule: PpnRule) -> LineTax:
	"""PPN of one line, as Coretax computes a GoodService line: DPP = price x numerator/denominator,
	in whole rupiah; PPN = rate x that DPP, in whole rupiah (PER-11/PJ/2025 Pasal 129: DPP and PPN on
	a Faktur Pajak in rupiah penuh, half up). The PPN comes from the rounded DPP, so the faktur's
	own arithmetic holds (PPN = 12 % x the DPP printed on it).

	Worked example (the issue's; the same formula as PMK 131/2024 Pasal 3): Harga Jual 10.000.000
	-> DPP Nilai Lain 11/12 x 10.000.000 = 9.166.666,67 -> 9.166.667 -> PPN 12 % x 9.166.667 =
	1.100.000,04 -> 1.100.000, which is 11 % of the price."""
	price = money(amount)
	magnitude = abs(price)
	dpp = rupiah_penuh(magnitude * rule.dpp_numerator / rule.dpp_denominator)
	ppn = rupiah_penuh(dpp * rule.rate / 100)
	return LineTax(price, _signed(price, dpp), _signed(price, ppn))


def document_tax(amounts: Iterable, rule: PpnRule) -> DocumentTax:
	"""PPN of an invoice line by line (Coretax carries DPP, DPP Nilai Lain and PPN per line and the
	faktur's totals are their sums), then the totals: Harga Jual, DPP, PPN and what the buyer is
	billed, Harga Jual + PPN. A line's price keeps its sen; its DPP and PPN are whole rupiah."""
	lines = tuple(line_tax(a, rule) for a in amounts)
	price = sum((line.price for line in lines), ZERO)
	dpp = sum((line.dpp for line in lines), ZERO)
	ppn = sum((line.ppn for line in lines), ZERO)
	return DocumentTax(lines, money(price), money(dpp), money(ppn), money(price + ppn))


# Who collects the PPN: the kode transaksi.


@dataclass(frozen=True)
class BuyerCategory:
	"""What the tax law makes of a kind of buyer.

	- `transaction_code`: the code when this buyer collects the PPN (02 government, 03 other
	  collectors such as a BUMN); 04 for an ordinary buyer;
	- `collects_ppn`: the buyer is a Pemungut PPN;
	- `collection_threshold`: a payment up to and including this is not collected (the seller
	  collects): Rp2.000.000 for government collectors (PMK 231/2019 as amended by PMK 59/2022),
	  Rp10.000.000 for BUMN (PMK 8/2021; PMK 81/2024 Pasal 294 ayat (1) huruf a);
	- `is_bumn`: the buyer is a BUMN (or a company it owns that collects), to which
	  `bumn_collects_from_perum` applies;
	- `threshold_includes_ppn`: whether the threshold is compared with the payment including PPN
	  (BUMN: "termasuk jumlah PPN") or excluding it (government: "tidak termasuk jumlah PPN")."""

	transaction_code: str
	collects_ppn: bool
	collection_threshold: Decimal = ZERO
	is_bumn: bool = False
	threshold_includes_ppn: bool = True


@dataclass(frozen=True)
class TaxCode:
	"""The invoice's kode transaksi, whether the buyer collects (and so does not pay) the PPN, and
	why, as a short key for the UI (ORDINARY, COLLECTED, BELOW_THRESHOLD, SELLER_IS_COLLECTOR)."""

	code: str
	collected_by_buyer: bool
	reason: str


def transaction_code(
	category: BuyerCategory, *, payment, bumn_collects_from_perum: bool, ppn=None
) -> TaxCode:
	"""The code for an invoice to a buyer of `category` (PER-03/PJ/2022 as amended, PER-11/PJ/2025):

	- an ordinary buyer: 04, the seller collects (DPP Nilai Lain, PMK 131/2024);
	- a collector, payment over its threshold: the category's code (02 or 03), the buyer collects;
	- a collector, payment up to and including its threshold ("paling banyak"): 04, the seller
	  collects (Rp2.000.000 excluding PPN for government, Rp10.000.000 including PPN for BUMN);
	- a BUMN when `bumn_collects_from_perum` is off: 04, the seller collects. ANTARA is a Perum, itself
	  a BUMN and so itself a Pemungut PPN; summaries of PMK 8/2021 say a delivery by one collector to
	  another is collected by the one that delivers. That is a setting because its successor text in
	  PMK 81/2024 was not verified (docs/tax.md).

	`payment` is what the buyer pays, including PPN; `ppn` is the PPN in it, needed when the threshold
	excludes PPN. Absolute values are compared, so a credit note takes its invoice's code."""
	if not category.collects_ppn:
		return TaxCode(ORDINARY_CODE, False, ORDINARY)
	if category.is_bumn and not bumn_collects_from_perum:
		return TaxCode(ORDINARY_CODE, False, SELLER_IS_COLLECTOR)
	compared = abs(to_decimal(payment))
	if not category.threshold_includes_ppn:
		if ppn is None:
			raise ValueError("this category's threshold excludes PPN: pass ppn")
		compared -= abs(to_decimal(ppn))
	if compared <= to_decimal(category.collection_threshold):
		return TaxCode(ORDINARY_CODE, False, BELOW_THRESHOLD)
	return TaxCode(category.transaction_code, True, COLLECTED)


# PPh 23, what is payable, when it is paid.


def withholding(base, rate) -> Decimal:
	"""PPh 23 the buyer withholds: `rate` % (0, 2 for services, 15 for royalty: UU PPh Pasal 23
	ayat (1) huruf c and a) of the gross, which is the price without PPN (the Harga Jual, not the
	DPP Nilai Lain). Whole rupiah, half up (PER-11/PJ/2025 Pasal 129: DPP and PPh on a bukti potong).
	Example: 2 % of 10.000.000 = 200.000; a credit note's -10.000.000 gives -200.000."""
	rate = to_decimal(rate)
	if not ZERO <= rate <= 100:
		raise ValueError(f"PPh 23 rate {rate} is not a percentage")
	base = to_decimal(base)
	magnitude = rupiah_penuh(rupiah_penuh(abs(base)) * rate / 100)
	return _signed(base, magnitude)


def amount_payable(*, grand_total, ppn, collected_by_buyer: bool, pph23) -> Decimal:
	"""What the buyer transfers to ANTARA: the grand total, less the PPN when the buyer collects it
	(it pays that to the state itself), less the PPh 23 it withholds. 11.100.000 with PPN 1.100.000
	and PPh 23 200.000: 10.900.000 from an ordinary company, 9.800.000 from a BUMN that collects."""
	payable = to_decimal(grand_total) - to_decimal(pph23)
	if collected_by_buyer:
		payable -= to_decimal(ppn)
	return money(payable)


def settled(*, paid, amount_payable, pph23, slip_recorded: bool) -> bool:
	"""Whether `paid` settles an invoice whose net payable is `amount_payable` (after PPh 23).

	- paid at least the gross (net + PPh 23): settled, the buyer withheld nothing;
	- paid exactly the net, short by exactly the PPh 23: settled once the bukti potong (withholding
	  slip) number is recorded, not before;
	- short by any other amount: not settled.
	A credit note (negative amounts) is compared on absolute values."""
	paid, payable, pph23 = money(paid), money(amount_payable), money(pph23)
	if payable < 0:
		paid, payable, pph23 = -paid, -payable, -pph23
	gross = payable + pph23
	if paid >= gross:
		return True
	return pph23 != 0 and paid == payable and slip_recorded


# Bea Meterai.


def stamp_duty_on_receipt(amount, *, threshold, duty) -> Decimal:
	"""The stamp duty owed on a receipt for `amount`: `duty` (Rp10.000, UU 10/2020 Pasal 5) when the
	amount is more than `threshold` (Rp5.000.000: Pasal 3 ayat (2) huruf g, a document stating a sum
	of money "lebih dari Rp5.000.000,00" that acknowledges its receipt), else 0. Exactly 5.000.000
	owes nothing. The duty is a fixed sum, never negative, whatever the sign of the amount."""
	if abs(to_decimal(amount)) > to_decimal(threshold):
		return money(duty)
	return ZERO
