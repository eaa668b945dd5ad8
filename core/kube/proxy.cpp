#include "core/kube/proxy.h"

#include <QHostAddress>

namespace shiplog::core::kube {

namespace {

QString variable(const QProcessEnvironment& env, const QString& upper)
{
    const QString value = env.value(upper);
    return value.isEmpty() ? env.value(upper.toLower()) : value;
}

bool isLoopback(const QString& host)
{
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// NO_PROXY entries: "*", host names (suffix match, with or without a leading dot), IPs, CIDRs,
// each optionally with :port — the rules of golang.org/x/net/http/httpproxy.
bool excluded(const QUrl& target, const QString& noProxy)
{
    const QString host = target.host().toLower();
    const QHostAddress address(host);
    for (QString entry : noProxy.split(u',', Qt::SkipEmptyParts)) {
        entry = entry.trimmed().toLower();
        if (entry.isEmpty())
            continue;
        if (entry == u"*")
            return true;
        if (entry.contains(u'/')) {
            const auto subnet = QHostAddress::parseSubnet(entry);
            if (!address.isNull() && subnet.second >= 0 && address.isInSubnet(subnet))
                return true;
            continue;
        }
        int port = -1;
        if (const qsizetype colon = entry.lastIndexOf(u':');
            colon > 0 && !entry.contains(u'[') && entry.count(u':') == 1) {
            port = entry.mid(colon + 1).toInt();
            entry = entry.left(colon);
        }
        if (port > 0 && port != target.port(target.scheme() == u"https" ? 443 : 80))
            continue;
        if (!address.isNull()) {
            if (QHostAddress(entry) == address)
                return true;
            continue;
        }
        if (entry.startsWith(u'.'))
            entry = entry.mid(1);
        if (host == entry || host.endsWith(u'.' + entry))
            return true;
    }
    return false;
}

} // namespace

Result<QNetworkProxy> proxyFromUrl(const QString& proxyUrl)
{
    const QUrl url(proxyUrl);
    if (!url.isValid() || url.host().isEmpty())
        return fail(QStringLiteral("The proxy-url \"%1\" is not a valid URL.").arg(proxyUrl));
    const QString scheme = url.scheme().toLower();
    QNetworkProxy proxy;
    if (scheme == u"http") {
        proxy = QNetworkProxy(QNetworkProxy::HttpProxy, url.host(), quint16(url.port(80)));
    } else if (scheme == u"socks5" || scheme == u"socks5h") {
        proxy = QNetworkProxy(QNetworkProxy::Socks5Proxy, url.host(), quint16(url.port(1080)));
    } else if (scheme == u"https") {
        return fail(
            QStringLiteral("The proxy-url \"%1\" uses TLS to the proxy itself, which Shiplog's network stack "
                           "cannot do; use an http:// or socks5:// proxy address.")
                .arg(url.toDisplayString(QUrl::RemoveUserInfo)));
    } else {
        return fail(
            QStringLiteral("The proxy-url \"%1\" has the scheme \"%2\"; http and socks5 are supported.")
                .arg(url.toDisplayString(QUrl::RemoveUserInfo), scheme));
    }
    proxy.setUser(url.userName());
    proxy.setPassword(url.password());
    return proxy;
}

QNetworkProxy environmentProxy(const QUrl& target, const QProcessEnvironment& env)
{
    if (isLoopback(target.host()) || excluded(target, variable(env, QStringLiteral("NO_PROXY"))))
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const QString value = variable(env, target.scheme() == u"https" ? QStringLiteral("HTTPS_PROXY")
                                                                    : QStringLiteral("HTTP_PROXY"));
    if (value.isEmpty())
        return QNetworkProxy(QNetworkProxy::NoProxy);
    auto proxy =
        proxyFromUrl(value.contains(QStringLiteral("://")) ? value : QStringLiteral("http://") + value);
    return proxy ? *proxy : QNetworkProxy(QNetworkProxy::NoProxy);
}

QList<QNetworkProxy> EnvironmentProxyFactory::queryProxy(const QNetworkProxyQuery& query)
{
    return {environmentProxy(query.url(), m_environment)};
}

} // namespace shiplog::core::kube
