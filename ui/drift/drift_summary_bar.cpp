#include "ui/drift/drift_summary_bar.h"

#include "ui/drift/drift_style.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace shiplog::ui {

using core::drift::DriftStatus;

namespace {
constexpr DriftStatus kOrder[] = {DriftStatus::InSync, DriftStatus::Drifted,    DriftStatus::Missing,
                                  DriftStatus::Extra,  DriftStatus::Unreadable, DriftStatus::Unserved};

} // namespace

DriftSummaryBar::DriftSummaryBar(QWidget* parent) : QWidget(parent), m_state(new QLabel(this))
{
    setObjectName(QStringLiteral("driftSummary"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setSpacing(6);
    m_state->setObjectName(QStringLiteral("driftState"));
    QFont font = m_state->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    m_state->setFont(font);
    layout->addWidget(m_state);
    layout->addSpacing(12);
    for (DriftStatus status : kOrder) {
        auto* chip = new QToolButton(this);
        chip->setCheckable(true);
        chip->setAutoRaise(false);
        chip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        chip->setToolTip(tr("Show only resources that are: %1 (click again to show all)")
                             .arg(drift::statusLabel(status).toLower()));
        chip->setObjectName(QStringLiteral("chip-") + core::drift::statusName(status));
        connect(chip, &QToolButton::toggled, this, [this] { emit filterChanged(checkedStatuses()); });
        m_chips.insert(status, chip);
        layout->addWidget(chip);
    }
    layout->addStretch(1);
    clear();
}

void DriftSummaryBar::setSummary(const core::drift::DriftSummary& summary)
{
    m_summary = summary;
    m_hasSummary = true;
    restyle();
}

void DriftSummaryBar::clear()
{
    m_summary = {};
    m_hasSummary = false;
    restyle();
}

void DriftSummaryBar::restyle()
{
    const QPalette pal = palette();
    if (!m_hasSummary) {
        m_state->setText(tr("Not compared yet"));
        m_state->setStyleSheet({});
    } else {
        const bool clean = m_summary.clean();
        m_state->setText(clean ? tr("✓ In sync") : tr("Out of sync"));
        m_state->setStyleSheet(
            QStringLiteral("color: %1")
                .arg(drift::statusColor(clean ? DriftStatus::InSync : DriftStatus::Drifted, pal).name()));
    }
    for (DriftStatus status : kOrder) {
        QToolButton* chip = m_chips.value(status);
        const int n = m_summary.count(status);
        chip->setText(m_hasSummary ? QStringLiteral("%1  %2").arg(n).arg(drift::statusLabel(status))
                                   : drift::statusLabel(status));
        chip->setIcon(drift::statusIcon(status, pal));
        chip->setEnabled(m_hasSummary && (n > 0 || chip->isChecked()));
        const QColor color = drift::statusColor(status, pal);
        QColor soft = color;
        soft.setAlphaF(0.16f);
        QColor strong = color;
        strong.setAlphaF(0.38f);
        chip->setStyleSheet(
            QStringLiteral("QToolButton { border: 1px solid %1; border-radius: 10px; padding: 2px 8px; "
                           "background: %2; font-weight: %3; }"
                           "QToolButton:checked { background: %4; }"
                           "QToolButton:disabled { border-color: %5; background: transparent; }")
                .arg(color.name(), soft.name(QColor::HexArgb),
                     n > 0 ? QStringLiteral("600") : QStringLiteral("400"), strong.name(QColor::HexArgb),
                     pal.color(QPalette::Mid).name()));
    }
}

QSet<DriftStatus> DriftSummaryBar::checkedStatuses() const
{
    QSet<DriftStatus> checked;
    for (auto it = m_chips.cbegin(); it != m_chips.cend(); ++it)
        if (it.value()->isChecked())
            checked.insert(it.key());
    return checked;
}

void DriftSummaryBar::setChecked(DriftStatus status, bool checked)
{
    m_chips.value(status)->setChecked(checked);
}

QString DriftSummaryBar::chipText(DriftStatus status) const
{
    return m_chips.value(status)->text();
}

QString DriftSummaryBar::stateText() const
{
    return m_state->text();
}

void DriftSummaryBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        restyle();
    QWidget::changeEvent(event);
}

} // namespace shiplog::ui
