#include "logging.h"

Q_LOGGING_CATEGORY(lcCore, "homeport.core")
Q_LOGGING_CATEGORY(lcHttp, "homeport.http")
Q_LOGGING_CATEGORY(lcHttpAccess, "homeport.http.access")
Q_LOGGING_CATEGORY(lcAdmin, "homeport.admin")
Q_LOGGING_CATEGORY(lcChannels, "homeport.channels")
Q_LOGGING_CATEGORY(lcErrors, "homeport.errors")
Q_LOGGING_CATEGORY(lcSearch, "homeport.search")
Q_LOGGING_CATEGORY(lcStorage, "homeport.storage")
Q_LOGGING_CATEGORY(lcInference, "homeport.inference")
Q_LOGGING_CATEGORY(lcUi, "homeport.ui")
