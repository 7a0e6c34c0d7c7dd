"""The app's DocType names, written once for the Python code (the JSON metadata names them itself).
Import the constant rather than repeating the string: a rename is then one line here and a patch."""

MODULE = "ANTARA Sales"  # the module every DocType of the app is in (modules.txt)

BUREAU = "ANTARA Bureau"
DIVISION = "ANTARA Division"
DEPARTMENT = "ANTARA Department"
DEPARTMENT_MEMBER = "ANTARA Department Member"
DELEGATION = "ANTARA Approval Delegation"
SETTINGS = "ANTARA Sales Settings"

PRODUCT = "ANTARA Product"
CUSTOMER = "ANTARA Customer"
MEDIA_ORDER = "ANTARA Media Order"  # F/KOM/003 (6.3, 6.4)
ORDER_ITEM = "ANTARA Order Item"
VERIFICATION = "ANTARA Order Verification"  # one per round (6.5)
CONTRACT = "ANTARA Cooperation Contract"  # 6.6, 6.7
SUBSCRIPTION_CHANGE = "ANTARA Subscription Change"  # F/KOM/004
PROJECT = "ANTARA Project"  # 5.8

TICKET = "ANTARA Ticket"  # 6.8
INVOICE = "ANTARA Invoice"  # 6.8
INVOICE_ITEM = "ANTARA Invoice Item"
BUYER_CATEGORY = "ANTARA Buyer Category"  # PPN collection and PPh 23 by buyer (issue 11)
PPN_RULE = "ANTARA PPN Rule"  # the rate and tax base from a date (PMK 131/2024)
CORETAX_EXPORT = "ANTARA Coretax Export"  # e-Faktur to DJP's Coretax
CORETAX_IMPORT = "ANTARA Coretax Import"

MEETING = "ANTARA Weekly Sales Meeting"  # 6.1, 6.2
ACTION_ITEM = "ANTARA Meeting Action Item"
SALES_TARGET = "ANTARA Sales Target"  # 6.1.1
FEEDBACK = "ANTARA Customer Feedback"  # 6.1.1
FEEDBACK_REQUEST = "ANTARA Feedback Request"
ORDER_INVITATION = "ANTARA Order Invitation"  # the prospect's link to F/KOM/003 online (6.3)
SIGNING_INVITATION = "ANTARA Signing Invitation"  # the customer's link to sign the contract online (6.7)
PRINT_LOG = "ANTARA Print Log"
SIGNED_COPY = "ANTARA Signed Copy"  # each copy's signed PDF and its SHA-256 (6.7)
