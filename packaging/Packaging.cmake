# Installation layout and CPack (DEB, TGZ). Presets go next to the binaries' share directory so
# core/common/PresetDirectory.cpp finds them at <prefix>/share/kirchhoff/presets.
include(GNUInstallDirs)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/presets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/kirchhoff/presets)
install(FILES ${CMAKE_SOURCE_DIR}/resources/io.github.kirchhoff.Kirchhoff.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/resources/kirchhoff.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/io.github.kirchhoff.Kirchhoff.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

set(CPACK_PACKAGE_NAME "kirchhoff")
set(CPACK_PACKAGE_VENDOR "Kirchhoff developers")
set(CPACK_PACKAGE_CONTACT "Kirchhoff developers <kirchhoff@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Runtime plugins are not seen by shlibdeps: the xcb platform plugin, SVG icon engine, and image formats.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6, qt6-image-formats-plugins | libqt6gui6")
include(CPack)
