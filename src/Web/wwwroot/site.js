// Progressive enhancement only: every page reads and works without this.
import { initAll } from './govuk-frontend/govuk-frontend.min.js'

function enhance () {
  // What the GOV.UK template's inline script does; an inline script would need a CSP exception.
  document.body.classList.add('js-enabled', 'govuk-frontend-supported')
  initAll()
}

enhance()
// Blazor's enhanced navigation swaps the page's content without a new document: enhance the new content too.
window.Blazor?.addEventListener('enhancedload', enhance)
