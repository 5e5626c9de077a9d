// The order matters: the bridge is in place before the renderer reads it.
import './bridge/install'
import './viewport'
import '../renderer/src/main'
