// Progressive enhancement only: every page works without it.
// A picture wider than the screen (on a phone) opens scrolled to the mandate it is about.
document.querySelectorAll(".figure-scroll").forEach((box) => {
  const focal = box.querySelector(".node.focal");
  if (!focal || box.scrollWidth <= box.clientWidth) return;
  const target = focal.getBoundingClientRect();
  const frame = box.getBoundingClientRect();
  box.scrollLeft += target.left + target.width / 2 - (frame.left + frame.width / 2);
});
