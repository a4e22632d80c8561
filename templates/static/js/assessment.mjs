// The calculator can link here with "#summary=..." when the visitor asks it to. A fragment never reaches
// a server, so the summary only enters the message box (or the email draft) in this browser.
const params = new URLSearchParams(location.hash.slice(1));
const summary = params.get("summary");
if (summary) {
  const message = document.getElementById("assessment-message");
  if (message && !message.value) message.value = summary + "\n\n";
  const mailto = document.getElementById("assessment-mailto");
  if (mailto) mailto.href += "&body=" + encodeURIComponent(summary + "\n\n");
}
