// GOV.UK's radios conditional reveal, without the aria-expanded that GOV.UK Frontend puts on the radio
// (ARIA does not allow it on role radio, and axe-core's aria-allowed-attr fails it). A radio with
// data-reveals="{id}" shows that element while it is checked, and names it in aria-controls. Without
// JavaScript the element is never hidden (GOV.UK's hidden class applies only under govuk-frontend-supported).
// The group must not also be a data-module="govuk-radios": that module syncs aria-expanded onto any radio with aria-controls.
export function initReveals (root = document) {
  for (const radio of root.querySelectorAll('input[type="radio"][data-reveals]')) {
    const target = document.getElementById(radio.dataset.reveals)
    if (!target) continue
    radio.setAttribute('aria-controls', target.id)
    const sync = () => target.classList.toggle('govuk-radios__conditional--hidden', !radio.checked)
    sync()
    const group = (radio.form ?? root).querySelectorAll(`input[type="radio"][name="${CSS.escape(radio.name)}"]`)
    for (const other of group) other.addEventListener('change', sync)
  }
}
