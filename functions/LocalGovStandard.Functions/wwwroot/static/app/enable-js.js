// Loaded at the start of <body> so GOV.UK Frontend styles its enhanced components without a flash.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
