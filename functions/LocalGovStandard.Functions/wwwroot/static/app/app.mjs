import { initAll } from '/static/govuk/govuk-frontend.min.js'
import { initReveals } from '/static/app/reveal.mjs'
import { initDashboard } from '/static/app/dashboard.mjs'

initAll()
initReveals()
initDashboard()
