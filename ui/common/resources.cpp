#include "ui/common/resources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE declares a function and must not be used inside a namespace.
static void initShiplogResources()
{
    Q_INIT_RESOURCE(shiplog);
}

namespace shiplog::ui {

void ensureResources()
{
    static const bool done = (initShiplogResources(), true);
    Q_UNUSED(done);
}

} // namespace shiplog::ui
