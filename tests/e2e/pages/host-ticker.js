// The host page's own script: it must keep running whatever the widget does.
let ticks = 0;
setInterval(() => { document.getElementById("ticks").textContent = String(++ticks); }, 20);
