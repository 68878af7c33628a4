using System.Text;
using System.Text.Encodings.Web;
using Concordat.ServiceDefaults;

namespace Concordat.DevIssuer;

/// <summary>
/// The development sign-in page: plain HTML in the look of the GOV.UK Design System (its own small stylesheet, no
/// script), with a heading, an error summary when nothing was chosen, labelled radios and check boxes, and one
/// button, so it works with the keyboard alone and with a screen reader.
/// </summary>
public static class SignInPage
{
    public const string StylesheetPath = "/dev-issuer.css";

    public static string Render(AuthorizationRequest request, string? error, string? chosen)
    {
        var html = new StringBuilder();
        Begin(html, "Sign in (development only)");
        html.Append("<h1 class=\"heading-xl\">Sign in as a demo person</h1>");
        if (error is not null)
        {
            html.Append("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2 class=\"heading-m\">There is a problem</h2><ul><li>")
                .Append("<a href=\"#person-").Append(E(DemoPeople.All[0].Key)).Append("\">").Append(E(error)).Append("</a></li></ul></div>");
        }

        html.Append("<form method=\"post\" action=\"/authorize\" novalidate>");
        foreach (var (name, value) in request.Parameters)
        {
            if (value is not null)
            {
                html.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(E(value)).Append("\">");
            }
        }

        html.Append("<div class=\"form-group").Append(error is null ? "" : " form-group--error").Append("\">")
            .Append("<fieldset class=\"fieldset\" aria-describedby=\"person-hint\"><legend class=\"fieldset__legend\"><h2 class=\"heading-l\">Who are you?</h2></legend>")
            .Append("<p class=\"hint\" id=\"person-hint\">The people of the demo's Gloucestershire partnerships. Each signs in as <code>demo-&lt;name&gt;</code>, which the registry links to their memberships.</p>");
        if (error is not null)
        {
            html.Append("<p class=\"error-message\" id=\"person-error\"><span class=\"visually-hidden\">Error:</span> ").Append(E(error)).Append("</p>");
        }

        // One radio group across the page, listed under a heading per kind of person, each list named by its heading.
        foreach (var (group, index) in DemoPeople.Groups.Select((g, i) => (g, i)))
        {
            html.Append("<h3 class=\"heading-s\" id=\"group-").Append(index).Append("\">").Append(E(group)).Append("</h3>")
                .Append("<div class=\"radios\" role=\"group\" aria-labelledby=\"group-").Append(index).Append("\">");
            foreach (var person in DemoPeople.All.Where(p => p.Group == group))
            {
                var id = "person-" + person.Key;
                html.Append("<div class=\"radios__item\"><input class=\"radios__input\" type=\"radio\" name=\"person\" id=\"").Append(id)
                    .Append("\" value=\"").Append(E(person.Key)).Append("\" aria-describedby=\"").Append(id).Append("-hint\"")
                    .Append(person.Key == chosen ? " checked" : "").Append('>')
                    .Append("<label class=\"radios__label\" for=\"").Append(id).Append("\">").Append(E(person.Name)).Append("</label>")
                    .Append("<div class=\"hint radios__hint\" id=\"").Append(id).Append("-hint\">").Append(E(person.Description))
                    .Append(". Signs in as <code>").Append(E(person.Subject)).Append("</code> with the role")
                    .Append(person.Roles.Count > 1 ? "s " : " ").Append(E(string.Join(", ", person.Roles))).Append(".</div></div>");
            }

            html.Append("</div>");
        }

        html.Append("</fieldset></div>");

        html.Append("<div class=\"form-group\"><fieldset class=\"fieldset\" aria-describedby=\"roles-hint\"><legend class=\"fieldset__legend\"><h2 class=\"heading-m\">Roles in the token (optional)</h2></legend>")
            .Append("<p class=\"hint\" id=\"roles-hint\">Leave these unticked to get the person's usual roles. Ticking any gives exactly those instead. The services still check a body's roles against the registry's memberships.</p>")
            .Append("<div class=\"checkboxes\">");
        foreach (var role in ConcordatClaims.Roles)
        {
            var id = "role-" + role;
            html.Append("<div class=\"checkboxes__item\"><input class=\"checkboxes__input\" type=\"checkbox\" name=\"roles\" id=\"").Append(id)
                .Append("\" value=\"").Append(role).Append("\"><label class=\"checkboxes__label\" for=\"").Append(id).Append("\">").Append(role).Append("</label></div>");
        }

        html.Append("</div></fieldset></div>")
            .Append("<button type=\"submit\" class=\"button\">Sign in</button></form>");
        return End(html);
    }

    /// <summary>A request that cannot be answered at its redirect address, shown to the person instead.</summary>
    public static string Refused(string why)
    {
        var html = new StringBuilder();
        Begin(html, "This sign-in request is not valid");
        html.Append("<h1 class=\"heading-xl\">This sign-in request is not valid</h1><p class=\"body\">").Append(E(why)).Append("</p>");
        return End(html);
    }

    /// <summary>What the sign-out endpoint shows when it has nowhere registered to send the browser back to.</summary>
    public static string SignedOut()
    {
        var html = new StringBuilder();
        Begin(html, "You are signed out");
        html.Append("<h1 class=\"heading-xl\">You are signed out</h1><p class=\"body\">The development provider keeps no session: the next sign-in asks again who you are.</p>");
        return End(html);
    }

    private static void Begin(StringBuilder html, string title) => html
        .Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .Append("<title>").Append(E(title)).Append(" – Concordat</title><link rel=\"stylesheet\" href=\"").Append(StylesheetPath).Append("\"></head><body>")
        .Append("<a href=\"#main-content\" class=\"skip-link\">Skip to main content</a>")
        .Append("<header class=\"header\"><div class=\"container\"><span class=\"header__service\">Concordat development sign-in</span></div></header>")
        .Append("<div class=\"container\"><main id=\"main-content\">")
        .Append("<div class=\"warning\"><strong class=\"tag\">Development only</strong> This page signs anyone in as any demo person, without a password. ")
        .Append("It exists only while the platform runs in the Development environment; everywhere else the council's own identity provider signs people in.</div>");

    private static string End(StringBuilder html) => html.Append("</main></div></body></html>").ToString();

    private static string E(string text) => HtmlEncoder.Default.Encode(text);

    /// <summary>A few rules in the Design System's manner: Arial, black on white, yellow focus, large targets.</summary>
    public const string Stylesheet = """
        body { margin: 0; font-family: Arial, sans-serif; font-size: 19px; line-height: 1.3; color: #0b0c0c; background: #fff; }
        .container { max-width: 960px; margin: 0 15px; }
        @media (min-width: 990px) { .container { margin: 0 auto; } }
        .skip-link { position: absolute; left: -9999px; }
        .skip-link:focus { position: static; display: block; padding: 10px 15px; background: #fd0; color: #0b0c0c; }
        .header { background: #0b0c0c; color: #fff; padding: 15px 0; border-bottom: 10px solid #1d70b8; }
        .header__service { font-weight: 700; font-size: 24px; }
        main { padding: 30px 0 60px; }
        .warning { border-left: 10px solid #b58840; background: #fff7bf; padding: 15px; margin-bottom: 30px; }
        .tag { display: inline-block; background: #0b0c0c; color: #fff; padding: 2px 8px; margin-right: 8px; text-transform: uppercase; font-size: 16px; }
        .heading-xl { font-size: 40px; margin: 0 0 30px; }
        .heading-l { font-size: 29px; margin: 0 0 15px; }
        .heading-m { font-size: 24px; margin: 0 0 15px; }
        .heading-s { font-size: 19px; margin: 30px 0 15px; }
        .body { margin: 0 0 20px; }
        .hint { color: #484949; margin: 0 0 15px; }
        .form-group { margin-bottom: 30px; }
        .form-group--error { border-left: 5px solid #d4351c; padding-left: 15px; }
        .error-message { color: #d4351c; font-weight: 700; margin: 0 0 15px; }
        .error-summary { border: 5px solid #d4351c; padding: 20px; margin-bottom: 30px; }
        .error-summary a { color: #d4351c; font-weight: 700; }
        .fieldset { border: 0; margin: 0; padding: 0; }
        .fieldset__legend { padding: 0; }
        .radios__item, .checkboxes__item { position: relative; padding-left: 50px; margin-bottom: 15px; min-height: 40px; }
        .radios__input, .checkboxes__input { position: absolute; left: 0; top: 0; width: 40px; height: 40px; margin: 0; accent-color: #0b0c0c; }
        .radios__label, .checkboxes__label { display: inline-block; padding: 8px 0 5px; cursor: pointer; }
        .radios__hint { margin: 0; }
        code { font-family: monospace; font-size: 17px; }
        .button { font: inherit; font-weight: 400; color: #fff; background: #00703c; border: 2px solid transparent; box-shadow: 0 2px 0 #002d18; padding: 8px 10px 7px; cursor: pointer; }
        .button:hover { background: #005a30; }
        a:focus, input:focus, .button:focus { outline: 3px solid #fd0; outline-offset: 0; box-shadow: inset 0 0 0 4px #0b0c0c; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        """;
}
