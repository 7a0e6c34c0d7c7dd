// What the guest pages' scripts share (www/formulir-pesanan, www/tanda-tangan-kontrak; issue 15):
// the signature pad and the reading of a refusal's message. Plain script, no desk bundle: a guest
// page loads no desk assets.
(function () {
	// The signature pad: pointer events cover mouse, pen and touch. drawn() says whether anything
	// was drawn since the last clear; the caller reads the picture with canvas.toDataURL.
	function signaturePad(canvas, clearButton) {
		const ctx = canvas.getContext("2d");
		const ratio = window.devicePixelRatio || 1;
		canvas.width = canvas.clientWidth * ratio;
		canvas.height = canvas.clientHeight * ratio;
		ctx.scale(ratio, ratio);
		ctx.lineWidth = 2;
		ctx.lineCap = "round";
		let last = null;
		let drawn = false;
		function point(e) {
			const r = canvas.getBoundingClientRect();
			return [e.clientX - r.left, e.clientY - r.top];
		}
		canvas.addEventListener("pointerdown", (e) => { last = point(e); canvas.setPointerCapture(e.pointerId); });
		canvas.addEventListener("pointermove", (e) => {
			if (!last) return;
			const p = point(e);
			ctx.beginPath(); ctx.moveTo(last[0], last[1]); ctx.lineTo(p[0], p[1]); ctx.stroke();
			last = p; drawn = true;
		});
		canvas.addEventListener("pointerup", () => { last = null; });
		clearButton.addEventListener("click", () => {
			ctx.clearRect(0, 0, canvas.width, canvas.height); drawn = false;
		});
		return { drawn: () => drawn };
	}

	// The translated message of a refusal (frappe.throw), as plain text.
	function serverMessage(body) {
		try {
			const messages = JSON.parse(body._server_messages || "[]").map((m) => JSON.parse(m).message);
			const div = document.createElement("div");
			div.innerHTML = messages.join(" ");
			return div.textContent.trim();
		} catch (e) {
			return "";
		}
	}

	window.antaraGuestPage = { signaturePad, serverMessage };
})();
