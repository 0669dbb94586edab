// The GOV.UK-style timeout warning for signed-in pages. The session slides (each request restarts
// it), so the page's own load time is the start. Shortly before the end, a modal dialog offers to
// keep the session (one request to the keep-alive endpoint) or to sign out now.
const dialog = document.querySelector('dialog[data-module="app-session-timeout"]')

if (dialog && typeof dialog.showModal === 'function') {
  const timeoutMs = Number(dialog.dataset.timeoutSeconds) * 1000
  const warningMs = Math.min(Number(dialog.dataset.warningSeconds) * 1000, timeoutMs)
  const stayButton = dialog.querySelector('[data-timeout-stay]')
  let endsAt = 0
  let warnTimer
  let endTimer
  let focusBeforeOpening = null

  const signedOut = () => window.location.assign(dialog.dataset.signedOutHref)

  const restart = () => {
    clearTimeout(warnTimer)
    clearTimeout(endTimer)
    endsAt = Date.now() + timeoutMs
    warnTimer = setTimeout(open, timeoutMs - warningMs)
    endTimer = setTimeout(signedOut, timeoutMs)
  }

  function open () {
    if (Date.now() >= endsAt) {
      signedOut()
      return
    }
    focusBeforeOpening = document.activeElement
    dialog.showModal()
    stayButton.focus()
  }

  const close = () => {
    dialog.close()
    if (focusBeforeOpening && focusBeforeOpening.isConnected) {
      focusBeforeOpening.focus()
    }
  }

  const staySignedIn = async () => {
    try {
      const response = await fetch(dialog.dataset.keepAliveHref, { credentials: 'same-origin', cache: 'no-store', redirect: 'manual' })
      if (response.status === 204) {
        close()
        restart()
        return
      }
    } catch {
      // Offline or the server is unreachable: the session cannot be kept, so say so on the start page.
    }
    signedOut()
  }

  stayButton.addEventListener('click', staySignedIn)
  // Escape closes a modal dialog; treat it as "Stay signed in", as the GOV.UK pattern does.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    staySignedIn()
  })
  restart()
}
