// The live book's pages: a control that changes runs the lesson again, by opening the address of
// that run (the form's own GET), so the address always holds the run and Back returns to the last.
"use strict";

(function () {
    const form = document.getElementById("controls");
    if (!form) {
        return;
    }
    // One run per change: Enter in a box both changes it and submits the form.
    let sent = false;
    form.addEventListener("submit", function (event) {
        if (sent) {
            event.preventDefault();
            return;
        }
        sent = true;
        document.documentElement.classList.add("running");
    });
    // A switch or a menu runs at once; a typed value when it is left or Enter is pressed.
    for (const control of form.querySelectorAll("select, input")) {
        control.addEventListener("change", function () {
            if (!sent) {
                form.requestSubmit();
            }
        });
    }
    // A page Back returns to from the browser's memory can run again.
    window.addEventListener("pageshow", function () {
        sent = false;
        document.documentElement.classList.remove("running");
    });
})();
