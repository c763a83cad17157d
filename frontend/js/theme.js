// Applies the saved colour theme before the page paints, so a dark-theme user never sees a white flash.
(function () {
    var saved = null;
    try { saved = localStorage.getItem('amalgam-theme'); } catch (e) { /* storage may be disabled */ }
    var prefersDark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
    document.documentElement.setAttribute('data-bs-theme', saved || (prefersDark ? 'dark' : 'light'));
})();
