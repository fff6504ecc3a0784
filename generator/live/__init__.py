"""What only the live preview (`cimo serve`) needs: its status and banner, the script that
reloads an open page, the watch on the content folder and incremental rebuilding.

Nothing here is used by `cimo build`: the reload script and the banner are added by the
preview's web server to each page it sends, never written into a site folder.
"""
