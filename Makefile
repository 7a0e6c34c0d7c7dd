# See README.md for what each target does and the knobs (BENCH_DIR, FRAPPE_PATH, FRAPPE_BRANCH, SITE, WEB_PORT).
.PHONY: demo test lint bench permissions benchmark previews
demo:
	scripts/demo.sh
test:
	scripts/test.sh
lint:
	scripts/lint.sh
bench:
	scripts/setup.sh bench
permissions:
	python3 scripts/permission_matrix.py
previews:
	scripts/previews.sh
benchmark:
	cd $${BENCH_DIR:-$$HOME/frappe-bench} && bench --site $${SITE:-antara.localhost} execute antara_sales.tests.benchmarks.run
