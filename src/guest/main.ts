// The order matters: zod is told there is no eval before any schema parses, and the bridge
// is in place before the renderer reads it.
import './zod-jitless'
import './bridge/install'
import './viewport'
import '../renderer/src/main'
