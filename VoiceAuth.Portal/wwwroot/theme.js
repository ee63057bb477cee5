// The light/dark choice, kept in a cookie so that the server renders every page (the static account pages too)
// in the theme the person picked.
window.vaTheme = {
    get: () => (document.cookie.match(/(?:^|; )va-theme=(dark|light)/) || [])[1] || null,
    remember: dark => { document.cookie = `va-theme=${dark ? "dark" : "light"}; path=/; max-age=31536000; samesite=lax`; },
};
