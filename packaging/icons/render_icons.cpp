// Renders the application icon (resources/icons/shiplog.svg) to the hicolor PNG sizes at build
// time, with the same SVG renderer the application uses, so that there is one icon source.
// Usage: shiplog_render_icons SVG OUTPUT_DIR SIZE...   writes OUTPUT_DIR/<SIZE>x<SIZE>/io.shiplog.Shiplog.png
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>

int main(int argc, char** argv)
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: shiplog_render_icons SVG OUTPUT_DIR SIZE...\n");
        return 2;
    }
    // No display at build time: the offscreen platform is enough for painting into an image.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QSvgRenderer svg(QString::fromLocal8Bit(argv[1]));
    if (!svg.isValid()) {
        std::fprintf(stderr, "shiplog_render_icons: %s is not a valid SVG\n", argv[1]);
        return 1;
    }
    const QDir out(QString::fromLocal8Bit(argv[2]));
    for (int i = 3; i < argc; ++i) {
        bool ok = false;
        const int size = QByteArray(argv[i]).toInt(&ok);
        if (!ok || size < 1) {
            std::fprintf(stderr, "shiplog_render_icons: '%s' is not a size\n", argv[i]);
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter);
        painter.end();
        const QString folder = QStringLiteral("%1x%1").arg(size);
        const QString file = out.filePath(folder + QStringLiteral("/io.shiplog.Shiplog.png"));
        if (!out.mkpath(folder) || !image.save(file, "PNG")) {
            std::fprintf(stderr, "shiplog_render_icons: cannot write %s\n", qPrintable(file));
            return 1;
        }
    }
    return 0;
}
