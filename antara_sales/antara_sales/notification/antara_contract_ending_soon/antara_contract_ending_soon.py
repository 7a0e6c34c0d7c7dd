def get_context(context):
	# The AE of the contract is told 60 days before it ends (Days Before on end_date), to renew it.
	pass
