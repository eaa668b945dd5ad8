#include "core/demo/kube_tls.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace shiplog::core::demo {

namespace {

Result<void> runOpenssl(const QString& openssl, const QStringList& arguments, const QString& directory)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.start(openssl, arguments);
    if (!process.waitForStarted(10000))
        return fail(QStringLiteral("Could not start %1: %2").arg(openssl, process.errorString()));
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return fail(
            QStringLiteral("openssl %1 failed: %2")
                .arg(arguments.value(0), QString::fromLocal8Bit(process.readAllStandardError()).trimmed()));
    return {};
}

} // namespace

Result<TlsMaterial> generateTlsMaterial(const QString& directory, const QString& caName)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return fail(
            QStringLiteral("The openssl command is not installed; it is needed to create the certificates "
                           "of the local Kubernetes API server (run packaging/bootstrap.sh)."));
    QDir().mkpath(directory);
    const QDir dir(directory);
    TlsMaterial m{dir.filePath(QStringLiteral("ca.crt")),
                  dir.filePath(QStringLiteral("ca.key")),
                  dir.filePath(QStringLiteral("server.crt")),
                  dir.filePath(QStringLiteral("server.key")),
                  {}};
    const QString extensions = dir.filePath(QStringLiteral("server.ext"));
    {
        QFile file(extensions);
        if (!file.open(QIODevice::WriteOnly))
            return fail(QStringLiteral("Could not write %1: %2").arg(extensions, file.errorString()));
        file.write("subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\n"
                   "basicConstraints=critical,CA:FALSE\n"
                   "keyUsage=critical,digitalSignature,keyEncipherment\n"
                   "extendedKeyUsage=serverAuth\n");
    }
    const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                         QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    if (auto r = runOpenssl(
            openssl,
            QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec +
                QStringList{QStringLiteral("-keyout"), m.caKeyPath, QStringLiteral("-out"),
                            m.caCertificatePath, QStringLiteral("-days"), QStringLiteral("3650"),
                            QStringLiteral("-subj"), QStringLiteral("/CN=%1").arg(caName),
                            QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                            QStringLiteral("-addext"),
                            QStringLiteral("keyUsage=critical,keyCertSign,cRLSign,digitalSignature")},
            directory);
        !r)
        return std::unexpected(r.error());
    const QString csr = dir.filePath(QStringLiteral("server.csr"));
    if (auto r = runOpenssl(openssl,
                            QStringList{QStringLiteral("req")} + ec +
                                QStringList{QStringLiteral("-keyout"), m.keyPath, QStringLiteral("-out"), csr,
                                            QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")},
                            directory);
        !r)
        return std::unexpected(r.error());
    if (auto r = runOpenssl(openssl,
                            {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr,
                             QStringLiteral("-CA"), m.caCertificatePath, QStringLiteral("-CAkey"),
                             m.caKeyPath, QStringLiteral("-CAcreateserial"), QStringLiteral("-out"),
                             m.certificatePath, QStringLiteral("-days"), QStringLiteral("3650"),
                             QStringLiteral("-extfile"), extensions},
                            directory);
        !r)
        return std::unexpected(r.error());
    QFile ca(m.caCertificatePath);
    if (!ca.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Could not read %1: %2").arg(m.caCertificatePath, ca.errorString()));
    m.caPem = ca.readAll();
    return m;
}

} // namespace shiplog::core::demo
