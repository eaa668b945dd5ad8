#include "core/forge/redact.h"

#include "core/common/secret_registry.h"

#include <QRegularExpression>
#include <QUrl>

namespace shiplog::core::forge {

namespace {

const QString kMask = QStringLiteral("***");

// scheme "://" userinfo "@": the userinfo stops at the authority's end ('/', '?', '#', space).
const QRegularExpression& urlWithUserinfo()
{
    static const QRegularExpression re(QStringLiteral("([A-Za-z][A-Za-z0-9+.\\-]*)://([^/?#\\s@]*)@"));
    return re;
}

// http(s), also inside a compound scheme ("git+https", pip's and some CI's form) or a scheme the
// text glued to a word before it ("remote.https"): there too a user name alone may be a token.
bool httpScheme(const QString& scheme)
{
    static const QRegularExpression http(QStringLiteral("(?:^|[+.\\-])https?$"),
                                         QRegularExpression::CaseInsensitiveOption);
    return http.match(scheme).hasMatch();
}

bool secretUserinfo(const QString& scheme, const QString& userinfo)
{
    return !userinfo.isEmpty() && (userinfo.contains(u':') || httpScheme(scheme));
}

QString redactUrlsIn(const QString& text)
{
    if (!text.contains(u'@') || !text.contains(QStringLiteral("://")))
        return text;
    QString result;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = urlWithUserinfo().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        result += text.mid(last, m.capturedStart() - last);
        result += secretUserinfo(m.captured(1), m.captured(2))
                      ? m.captured(1) + QStringLiteral("://") + kMask + u'@'
                      : m.captured(0);
        last = m.capturedEnd();
    }
    return result + text.mid(last);
}

// Credentials by their shape: header values and the token formats of GitHub and GitLab.
QString maskCredentialShapes(QString text)
{
    // A value with a digit, or a long one: "Bearer tokens" and "Basic authentication" stay prose.
    static const QRegularExpression bearer(
        QStringLiteral("\\b(Bearer|Basic)\\s+(?:(?=[A-Za-z0-9._~+/=\\-]*[0-9])[A-Za-z0-9._~+/"
                       "=\\-]{6,}|[A-Za-z0-9._~+/=\\-]{20,})"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression header(
        QStringLiteral("\\b(Authorization:\\s*token|PRIVATE-TOKEN:|X-Auth-Token:)\\s*[^\\s\"',;]+"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression formats(QStringLiteral(
        "\\b(gh[pousr]_[A-Za-z0-9]{8,}|github_pat_[A-Za-z0-9_]{8,}|glpat-[A-Za-z0-9_\\-]{8,})"));
    text.replace(bearer, QStringLiteral("\\1 ") + kMask);
    text.replace(header, QStringLiteral("\\1 ") + kMask);
    text.replace(formats, kMask);
    return text;
}

} // namespace

QString redactUrl(const QString& url)
{
    return redactUrlsIn(url);
}

QString scrubSecrets(const QString& text)
{
    if (text.isEmpty())
        return text;
    // Until nothing changes: masking one secret can make another readable as one (a token glued to
    // a URL's scheme hid that URL's userinfo). Each pass only replaces text with the mask, so a few
    // passes settle it; the bound is a guard.
    QString result = text;
    for (int pass = 0; pass < 8; ++pass) {
        QString next = redactUrlsIn(result);
        for (const QString& secret : knownSecrets())
            next.replace(secret, kMask);
        next = maskCredentialShapes(std::move(next));
        if (next == result)
            break;
        result = std::move(next);
    }
    return result;
}

void rememberUrlSecrets(const QString& url)
{
    const QRegularExpressionMatch m = urlWithUserinfo().match(url);
    if (!m.hasMatch())
        return;
    const QString userinfo = m.captured(2);
    const qsizetype colon = userinfo.indexOf(u':');
    // With a password, the user name is a convention ("x-access-token", "oauth2"); without one, an
    // http(s) user name is the token itself.
    const QString secret = colon >= 0                  ? userinfo.mid(colon + 1)
                           : httpScheme(m.captured(1)) ? userinfo
                                                       : QString();
    rememberSecret(secret);
    rememberSecret(QUrl::fromPercentEncoding(secret.toUtf8()));
}

} // namespace shiplog::core::forge
