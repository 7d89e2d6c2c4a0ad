// The workshop game's page (placeholder until the client lands).
document.body.textContent = "salesim game";
