#pragma once

// Proxy choice as Go's net/http does it (what kubectl uses): the cluster's proxy-url, else
// HTTPS_PROXY / HTTP_PROXY with NO_PROXY exclusions, never for loopback.
#include "core/common/error.h"

#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QProcessEnvironment>
#include <QUrl>

namespace shiplog::core::kube {

// proxy-url (http://, socks5://) as a QNetworkProxy; https:// proxies are reported as unsupported
// (Qt cannot speak TLS to a proxy) rather than silently misused.
Result<QNetworkProxy> proxyFromUrl(const QString& proxyUrl);

// The proxy the environment asks for when connecting to `target` (NoProxy when none applies).
QNetworkProxy environmentProxy(const QUrl& target, const QProcessEnvironment& environment);

class EnvironmentProxyFactory : public QNetworkProxyFactory
{
public:
    explicit EnvironmentProxyFactory(QProcessEnvironment environment) : m_environment(std::move(environment))
    {
    }
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery& query) override;

private:
    QProcessEnvironment m_environment;
};

} // namespace shiplog::core::kube
