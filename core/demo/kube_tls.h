#pragma once

#include "core/common/error.h"

#include <QByteArray>
#include <QString>

namespace shiplog::core::demo {

// A certificate authority and a server certificate signed by it for 127.0.0.1 and localhost,
// generated with the openssl command line (Qt cannot create certificates).
struct TlsMaterial
{
    QString caCertificatePath;
    QString caKeyPath;
    QString certificatePath;
    QString keyPath;
    QByteArray caPem;
};

Result<TlsMaterial> generateTlsMaterial(const QString& directory,
                                        const QString& caName = QStringLiteral("shiplog-demo-ca"));

} // namespace shiplog::core::demo
