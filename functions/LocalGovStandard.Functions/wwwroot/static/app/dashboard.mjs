// The dashboard updates in place: a link marked data-dashboard-link (a bar, a heat-map cell, a peer group) or the
// filter form fetches the same page for the new address, swaps the [data-dashboard] region, and puts the address in
// the history, so it can be shared and Back works. Focus moves to the new heading (or GOV.UK's error summary takes it),
// and the polite live region says what is shown. Without JavaScript, or if the fetch fails, the link simply loads the page.
import { initAll } from '/static/govuk/govuk-frontend.min.js'

export function initDashboard () {
  if (!document.querySelector('[data-dashboard]') || !window.fetch || !window.history.pushState) return

  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-dashboard-link]')
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    show(new URL(link.href, window.location.href), true)
  })

  document.addEventListener('submit', (event) => {
    const form = event.target.closest('form[data-dashboard-form]')
    if (!form || event.defaultPrevented) return
    event.preventDefault()
    const url = new URL(form.action, window.location.href)
    url.search = new URLSearchParams(new FormData(form)).toString()
    show(url, true)
  })

  window.addEventListener('popstate', () => show(new URL(window.location.href), false))
}

async function show (url, push) {
  let page
  try {
    const response = await fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
    page = new DOMParser().parseFromString(await response.text(), 'text/html')
  } catch {
    window.location.assign(url)
    return
  }

  const next = page.querySelector('[data-dashboard]')
  const current = document.querySelector('[data-dashboard]')
  if (!next || !current) {
    window.location.assign(url)
    return
  }

  current.replaceWith(next)
  document.title = page.title
  if (push) window.history.pushState({ dashboard: true }, '', url)

  initAll(next)
  if (!next.querySelector('.govuk-error-summary')) {
    next.querySelector('h1')?.focus()
  }

  const status = document.querySelector('[data-dashboard-status]')
  if (status) status.textContent = next.dataset.dashboardSummary ?? ''
}
