import { initAll } from '/static/govuk/govuk-frontend.min.js'
import { initReveals } from '/static/app/reveal.mjs'

initAll()
initReveals()
