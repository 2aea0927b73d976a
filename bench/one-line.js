// What any script costs the page, to subtract from what the bridge costs it.
window.oneLine = true;
